require "digest"

class Account < ApplicationRecord
  def password=(plain)
    self.password_digest = Digest::MD5.hexdigest(plain)
  end
end
