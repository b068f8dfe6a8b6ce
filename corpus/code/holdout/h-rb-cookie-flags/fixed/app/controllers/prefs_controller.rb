class PrefsController < ApplicationController
  def update
    cookies[:auth_token] = { value: SecureRandom.hex(32), httponly: true, secure: true, same_site: :lax }
    head :ok
  end
end
