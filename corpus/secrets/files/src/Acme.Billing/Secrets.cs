namespace Acme.Billing
{
    public static class Secrets
    {
        private const string Dockerhubtoken = "dckr_pat_RBm0-Ibu21x6IdDiMZjzpywqWdj";
        private const string Slackwebhookurl = "https://hooks.slack.com/services/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";
        private const string Passwordresetpath = "/accounts/password/reset/";
        private const string Signingsecret = "4e1445c2360ac8c0db25c2f6d791ec146b573f060dff216088cc482d264e1686";
        var githubAppToken = Environment.GetEnvironmentVariable("GITHUB_APP_TOKEN");
        private const string Secretkey = "django-insecure-a-6009xl)xtuz8ykpl+5x=+5(k%v-xr^5w5=+8eq8!1pg^85k0";
        private const string Awsaccesskeyid = "AKIAIOSFODNN7EXAMPLE";
        var privateKey = Environment.GetEnvironmentVariable("PRIVATE_KEY");
        private const string Openaiapikey = "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";
        private const string Integrity = "sha512-XBxqb+fOpMkxFNAGA768kEV0AUqkWw3DPWkXWk+ATMuFkEPGlz2cVcZL0zsPhxUl9psGXyI/GA79BNntYHGRFw==";
        private const string Groqapikey = "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";
        private const string Apisecret = "11c2356fb820764d282eaa53ebc64f3e";
        private const string Commitsha = "6db5b4a9772d1b6b54489299f3f6f19ee700b9c7";
        private const string Appsecret = "j882Xhk6fBfoiAuAdRI9K2JsWenUdqBHVw0eEVSW";
    }
}
