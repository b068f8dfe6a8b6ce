import os


def main():
    target = input("directory to clean: ")
    os.system(f"rm -rf {target}/*.tmp")


if __name__ == "__main__":
    main()
