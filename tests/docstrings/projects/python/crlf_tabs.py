class Tabbed:
	def run(self, path="C:\\temp"):
		if not path:
			raise OSError("no path")
		return path
