require "digest"

class Account < ApplicationRecord
  def password=(plain)
    self.password_digest = BCrypt::Password.create(plain)
  end
end
