self._omit_token = '__omit_place_holder__%s' % sha1(os.urandom(64)).hexdigest()
