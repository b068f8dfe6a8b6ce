require "sinatra"

get "/logs" do
  File.read(File.join("/var/log/app", File.basename(params["file"].to_s)))
end
