require "net/http"

class BillingClient
  def get(path)
    http = Net::HTTP.new("billing.example.com", 443)
    http.use_ssl = true
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    http.get(path)
  end
end
