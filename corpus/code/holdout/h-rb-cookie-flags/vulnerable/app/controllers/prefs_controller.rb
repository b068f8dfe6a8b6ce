class PrefsController < ApplicationController
  def update
    cookies[:auth_token] = { value: SecureRandom.hex(32), httponly: false, secure: false }
    head :ok
  end
end
