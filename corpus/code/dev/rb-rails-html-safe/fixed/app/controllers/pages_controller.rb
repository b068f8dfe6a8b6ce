class PagesController < ApplicationController
  def preview
    render html: helpers.content_tag(:div, params[:body], class: "preview")
  end
end
