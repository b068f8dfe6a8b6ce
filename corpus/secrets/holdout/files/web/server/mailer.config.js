module.exports = {
  smtp: {
    groqApiKey: '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',
    webhookSecret: 'f80198ec478f272afec403d8e93a07a5d1080bd04998984b5841779ecdbf5d96',
    secretName: 'prod/payments/db-credentials',
    checksum: '03286ab63037f16d4c2bb1ee6eb5294563fbe4ce321367bc4b3db94db97f5fb4',
    twilioApiKey: process.env['TWILIO_API_KEY'],
    redisPassword: '40ShustXlk3ZXh#_hzxqcfRfp',
    atlassianApiToken: 'ATATT3xFfGF0a23th0hD1Vf_2I_aLBgMTJyD7apaGeXk7MEwNCa0Ly7BbXoZPTu7JITTGFTfyUKX5AuSLOBNIyYdVXlD-w1-OzwXB7FhB7K1ZHo3IVssRvcVMvLfDqVaK6SFJLe8J6hBIgSsZv45fWhehai7Aaj9sgT7IUu9RCV__02qKHHoDzL=A4E5FEB2',
    tokenType: 'Bearer',
    clientSecret: 'ReuPUarYNECrKYP1YjeTPighMRIr88OP',
    pwd: 'sMfKZmLANOtcUm&=ad0_1ah',
    masterKey: process.env['MASTER_KEY'],
    vaultToken: 'hvs.DXuZLR_u1XZbdu02h8vZsWwwgFF819WgfRy29wY1uPc4thXYtmVQlO1CXexAkxDzZKPed9NhyW-cQOzn0qdzZZvCQo',
    cacheKey: 'user:profile:v2',
  },
};
