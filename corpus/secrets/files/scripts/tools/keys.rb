require 'net/http'

Net::HTTP.get(URI("https://api.acme.io/v1/items?api_key=dL6J6WBCzW58Chf5Wpf6Ic2XpiM6pg0u"))
client = Octokit::Client.new(access_token: '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')
client = Octokit::Client.new(access_token: ENV['GITHUB_TOKEN'])
Aws.config.update(access_key_id: 'ASIAVI4EGJKAX6M4T7FU',
                  secret_access_key: 'zRp0Y1tTIvbwNyfIndAbzcclZIySNQkmMaT5ryQi')
