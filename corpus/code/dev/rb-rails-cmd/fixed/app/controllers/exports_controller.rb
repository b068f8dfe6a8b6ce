class ExportsController < ApplicationController
  def create
    system("zip", "-r", "/tmp/export.zip", "storage/#{params[:folder]}")
    send_file "/tmp/export.zip"
  end
end
