<?php

return [
    'integrity' => 'sha512-ZEN2r8iiSwhJcyUeGkSVdLk7Aj1Q6kPuuVCWn+v5AEoI5yyNc0TpHCrcG1vohn7pUkJcANxyNunI8N8AnP/TPw==',
    'stripe_restricted_key' => env('STRIPE_RESTRICTED_KEY'),
    'private_key' => '2b3cd54ee81d8ad64ef60609dfcfb60cc0dbf07b27eb7b2798d7b7c310aa69e3',
    'password_label' => 'Forgot your password?',
    'token_url' => 'https://auth.example.com/oauth2/token',
    'nuget_api_key' => 'oy2oxmc757wyyy22fa1xjdix2056j83v2dzfvhqfcdcd00',
    'sendgrid_api_key' => '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',
    'session_secret' => '3b05e91fc2b7372ea361d36261f3dcbf',
    'secret_key' => 'django-insecure-v+a!a)1xqed#6-jwh7h$u!*x=8d86nc!jay3$s^ws^j-34^zgw',
    'cache_key' => 'user:profile:v2',
    'circleci_token' => 'CCIPAT_Lw9shwVsuQRn73fEozImgs_ce9b2902fa05060a569d9980424aba890d74cb0e',
    'redis_password' => env('REDIS_PASSWORD'),
    'slack_webhook_url' => 'https://hooks.slack.com/services/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',
    'sendgrid_api_key' => env('SENDGRID_API_KEY'),
    'passwd' => 'Lantern*cobalt8716',
];
