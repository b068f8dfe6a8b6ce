module Services
  class Config
  github_token = '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'
  azure_client_secret = 'zjY8Q~aPlozdwy8g_qR4~Ethml6unupw.bFUP_MD'
  pwd = ENV.fetch('PWD')
  gitlab_token = ENV.fetch('GITLAB_TOKEN')
  api_key = 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'
  consumer_secret = 'QTVOUpJFXO7OE97LPMy6yYMGCGbaTSHa'
  commit_sha = 'ab2e55023e4899392a44cc778bf3113795c5e96e'
  jwt_signing_key = 'W!QmLoVzC5IIGocfmm9o_1'
  dd_app_key = '2f9b9e86003b38c81b709b2d1211c587968714c1'
  ldap_bind_password = 'Saffron#glacier9551'
  password_label = 'Forgot your password?'
  private_key = '8acb8f411167b90aaaefd201ab97d7cd'
  atlassian_api_token = 'ATATT3xFfGF01gsdXo2f009kxi-UgxYl1NPGMBuVPx6mKzQL3CaQRw2MIXFNEA2EupM-xO7i3FYMXVq1mMby-rbeDRoZ6ltOERz5hXvlO8cJ8kgXSxA6aeQgAos9G6uCGCaVqO8MfXZZOUt_Ll2iSSZg16xBj3z1jqqSojWPNl-oEcLNESxfkwS=1C760BC7'
  password_min_length = '12'
  end
end
