class LinksController < ApplicationController
  def follow
    url = params[:url].to_s
    url = root_path unless url.start_with?("/") && !url.start_with?("//")
    redirect_to url
  end
end
