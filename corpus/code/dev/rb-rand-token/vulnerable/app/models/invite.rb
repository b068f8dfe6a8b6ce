class Invite < ApplicationRecord
  before_create do
    self.token = rand(36**24).to_s(36)
  end
end
