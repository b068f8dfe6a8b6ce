class DocumentsController < ApplicationController
  def download
    send_file Rails.root.join("storage", "docs", File.basename(params[:name].to_s))
  end
end
