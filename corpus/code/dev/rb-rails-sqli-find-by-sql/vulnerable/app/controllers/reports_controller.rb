class ReportsController < ApplicationController
  def show
    rows = Order.find_by_sql("SELECT * FROM orders WHERE status = '#{params[:status]}'")
    render json: rows
  end
end
