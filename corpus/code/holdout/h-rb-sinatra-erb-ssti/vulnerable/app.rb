require "sinatra"
require "erb"

get "/preview" do
  ERB.new(params["template"]).result(binding)
end
