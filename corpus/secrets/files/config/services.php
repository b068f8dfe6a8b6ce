<?php

return [
    'twilio_account_sid' => 'AC3b05e91fc2b7372ea361d36261f3dcbf',
    'gh_oauth_token' => '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',
    'jwt_signing_key' => env('JWT_SIGNING_KEY'),
    'redis_password' => env('REDIS_PASSWORD'),
    'api_key_header' => 'X-Api-Key',
    'session_secret' => 'e9b94efc3b2b3cd54ee81d8ad64ef60609dfcfb6',
    'dockerhub_token' => 'dckr_pat_8zGojdz34TDUze-SXWW45lb2Vsh',
    'refresh_token' => 'O2I4vWaY3Ka9XYBxqedMG7Tj5whH2hNuKR2xVI5d4IGncKja',
    'gh_fine_grained_pat' => env('GH_FINE_GRAINED_PAT'),
    'password_reset_path' => '/accounts/password/reset/',
    'master_key' => 'NDym9tJ8zQTgpRPCMKRAdQ7HZLyWj/JZqyZfm3PczWMaRFibroLemQZ/GMkfCoxp',
    'token' => 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'stripe_restricted_key' => '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',
    'secret_key' => 'django-insecure-byza81^9!$x5boxe*o3wo(xe$o6^sr1$6(oxozhdb8_vu&#_mt',
    'github_refresh_token' => 'ghr_0iT0Xx6C7ANKF40LGYQjIP3DX24vOWXCdzfvhNT2qfcd8LcdUPAW2KAr1AAAi4XiATO4k64CJwoR',
];
