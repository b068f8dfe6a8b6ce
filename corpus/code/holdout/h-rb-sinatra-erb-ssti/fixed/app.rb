require "sinatra"
require "erb"

get "/preview" do
  ERB.new("<p><%= ERB::Util.h(note) %></p>").result_with_hash(note: params["template"])
end
