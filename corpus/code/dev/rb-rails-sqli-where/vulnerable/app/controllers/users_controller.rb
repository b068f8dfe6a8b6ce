class UsersController < ApplicationController
  def index
    @users = User.where("name LIKE '%#{params[:q]}%'")
    render json: @users
  end
end
