class ToolsController < ApplicationController
  def whois
    out, _status = Open3.capture2("whois", params[:domain].to_s)
    render plain: out
  end
end
