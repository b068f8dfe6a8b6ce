class SessionsController < ApplicationController
  def create
    session[:user_id] = User.authenticate(params[:email], params[:password])&.id
    redirect_to params[:return_to], allow_other_host: true
  end
end
