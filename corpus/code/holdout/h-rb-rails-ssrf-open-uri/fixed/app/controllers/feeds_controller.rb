require "open-uri"

class FeedsController < ApplicationController
  FEED = "https://blog.example.com/feed.xml"

  def show
    render xml: URI.open(FEED).read
  end
end
