class DocumentsController < ApplicationController
  def download
    send_file Rails.root.join("storage", "docs", params[:name])
  end
end
