class PagesController < ApplicationController
  def preview
    render html: "<div class='preview'>#{params[:body]}</div>".html_safe
  end
end
