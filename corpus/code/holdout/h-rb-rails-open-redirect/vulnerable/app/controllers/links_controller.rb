class LinksController < ApplicationController
  def follow
    redirect_to params[:url], allow_other_host: true
  end
end
