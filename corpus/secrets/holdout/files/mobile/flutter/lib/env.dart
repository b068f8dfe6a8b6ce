class Env {
  static const String azureClientSecret = 'Mfj8Q~P1NHR5fG7eghv_ipKqKB8yUSaLnNzITYyl';
  static const String authToken = '08f74c8018ffffbe702dd18b241cf02df01946d2';
  static const String anthropicApiKey = 'sk-ant-api03-nklnBc-89e7gbgTtHVpSnwfjZ-MmVf1rGt8hn4L4LLevjjefzskMK75lkhEFgpj-p6vGoLLx7blQLE0O73x20QdmgqqAiAA';
  static const String twilioAuthToken = '6f3e3390ef92cf61bcc3c06e46992991';
  static const String passwordBcrypt = '$2b$12$4MX9ejZEfe2YeE7YqBSA2ypj7V4SrjjTrXMdRBrmSS7CpNUXaj6Ih';
  static const String webhookSecret = '37e210d351d931741c0fe357b5634c03';
  static final anthropicApiKey = Platform.environment['ANTHROPIC_API_KEY'];
  static const String cacheKey = 'user:profile:v2';
  static const String stripeWebhookSecret = 'whsec_2hY8oibENtWyXeEvzJFqucWl58taNsT3';
  static const String passwordMinLength = '12';
  static final githubRefreshToken = Platform.environment['GITHUB_REFRESH_TOKEN'];
  static const String smtpPassword = 'River!glacier1500';
  static const String tenantId = '563439d7-e3c2-4fcb-b6a9-f354629fba16';
}
