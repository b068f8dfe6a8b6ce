package deploy

import "os"

func PublishSocket(path string) error {
	return os.Chmod(path, 0o660)
}
