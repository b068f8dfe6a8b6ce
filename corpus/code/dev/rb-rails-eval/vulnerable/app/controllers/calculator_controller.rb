class CalculatorController < ApplicationController
  def compute
    render json: { result: eval(params[:expression]) }
  end
end
