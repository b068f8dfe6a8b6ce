package store

import "os"

func SaveConfig(path string, data []byte) error {
	return os.WriteFile(path, data, 0777)
}
