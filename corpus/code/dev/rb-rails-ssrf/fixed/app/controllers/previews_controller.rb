require "net/http"

class PreviewsController < ApplicationController
  ALLOWED = %w[www.youtube.com vimeo.com].freeze

  def show
    uri = URI.parse(params[:url])
    return head(:bad_request) unless ALLOWED.include?(uri.host)
    body = Net::HTTP.get(uri)
    render plain: body.truncate(500)
  end
end
