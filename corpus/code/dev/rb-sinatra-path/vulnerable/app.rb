require "sinatra"

get "/logs" do
  File.read(File.join("/var/log/app", params["file"]))
end
