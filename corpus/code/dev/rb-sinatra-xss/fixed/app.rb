require "sinatra"
require "erb"

get "/hello" do
  "<h1>Hello #{ERB::Util.html_escape(params['name'])}</h1>"
end
