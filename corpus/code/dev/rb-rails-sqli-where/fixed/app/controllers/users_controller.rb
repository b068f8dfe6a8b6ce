class UsersController < ApplicationController
  def index
    @users = User.where("name LIKE ?", "%#{User.sanitize_sql_like(params[:q].to_s)}%")
    render json: @users
  end
end
