class StatsController < ApplicationController
  def show
    total = Payment.where(account_id: params[:account_id]).sum(:amount)
    render json: { total: total }
  end
end
