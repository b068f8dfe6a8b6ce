class StatsController < ApplicationController
  def show
    total = ActiveRecord::Base.connection.select_value("SELECT SUM(amount) FROM payments WHERE account_id = #{params[:account_id]}")
    render json: { total: total }
  end
end
