import glob
import os


def main():
    target = input("directory to clean: ")
    for path in glob.glob(os.path.join(target, "*.tmp")):
        os.remove(path)


if __name__ == "__main__":
    main()
