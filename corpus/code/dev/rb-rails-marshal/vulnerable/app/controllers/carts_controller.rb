class CartsController < ApplicationController
  def show
    cart = Marshal.load(Base64.decode64(cookies[:cart].to_s))
    render json: cart
  end
end
