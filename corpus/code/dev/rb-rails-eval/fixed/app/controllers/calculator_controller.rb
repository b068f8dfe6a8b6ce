class CalculatorController < ApplicationController
  def compute
    render json: { result: Float(params[:expression]) }
  end
end
