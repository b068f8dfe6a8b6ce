class TemplatesController < ApplicationController
  def show
    render inline: "<p><%= message %></p>", locals: { message: params[:template] }
  end
end
