class TemplatesController < ApplicationController
  def show
    render inline: params[:template]
  end
end
