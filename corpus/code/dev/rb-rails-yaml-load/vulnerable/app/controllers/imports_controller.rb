class ImportsController < ApplicationController
  def create
    data = YAML.unsafe_load(params[:file].read)
    render json: { keys: data.keys }
  end
end
