use strict;
use warnings;

my $pwd = 'KyI?Ymd8BF5ZJNAW';
my $checksum = '23f1b45509d01cd95577d3a58d26271d8ad21e5cc4e16081903a29a73073ff48';
my $password = 'Lantern*meadow5903';
my $session_secret = 'be246214e4e0fe6b97c84cb84cfef0c7';
my $mistral_api_key = $ENV{MISTRAL_API_KEY};
my $discord_webhook = $ENV{DISCORD_WEBHOOK};
my $stripe_publishable_key = 'pk_live_oi8ewHxItRj4ph8dMlSa6tDy';
my $twilio_auth_token = '47c57037e2768cd7addc2c6083513e69';
my $atlassian_api_token = 'ATATT3xFfGF0a2FilMyE0tDBeHoPfbodyH9HkZVTCMsFWrKO3yVMOjSb8xGOHjXunK0KDUA7iMGo0Lk0DWKdRNx4CDl-ri-t4iielih6IM5ovqWTWUOM9U1QektJtiqET_eIDoh0uPg12LqXRoSyJ85r5YFP-uo5BqNyY4HN74CAzh-50NzvAi5=0DEC40BB';
my $groq_api_key = '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';
my $token = 'insert-token-here';
1;
