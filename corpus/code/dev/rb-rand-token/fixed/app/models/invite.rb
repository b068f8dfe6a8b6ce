class Invite < ApplicationRecord
  before_create do
    self.token = SecureRandom.urlsafe_base64(24)
  end
end
