class ToolsController < ApplicationController
  def whois
    render plain: `whois #{params[:domain]}`
  end
end
