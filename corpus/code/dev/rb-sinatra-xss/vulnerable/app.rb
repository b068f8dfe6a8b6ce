require "sinatra"
require "erb"

get "/hello" do
  "<h1>Hello #{params['name']}</h1>"
end
