package identity

const (
	ErrCodeInvalidPaginationTokenException = "InvalidPaginationTokenException"
	ErrCodeExpiredImportTokenException = "ExpiredImportTokenException"
	ErrCodeInvalidGitHubAccountTokenException = "InvalidGitHubAccountTokenException"
	ErrCodePasswordResetRequiredException = "PasswordResetRequiredException"
	ErrCodeInvalidClientTokenId = "InvalidClientTokenId"
	ErrCodeSecretNotFoundException = "SecretNotFoundException"
)

const (
	opSetSecurityTokenServicePreferences = "SetSecurityTokenServicePreferences"
	opDeleteWorkspaceServiceAccountToken = "DeleteWorkspaceServiceAccountToken"
	opGenerateCredentialReport = "GenerateCredentialReport"
	opRotateSecret = "RotateSecret"
	opGetSessionToken = "GetSessionToken"
	AuthenticationTypeNoPassword = "no-password-required"
	ChallengeNameDevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER"
)
