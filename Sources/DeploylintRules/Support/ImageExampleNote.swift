/// The sentence every image rule's page carries about its examples.
enum ImageExampleNote {
  static let text = """
    The example image is described by a `*.image.json` file: the image config's own shape \
    (`config.Env`, `history`), its `RepoTags`, the files of its final layer with their sizes \
    (`files`), and `deploy` (platform and plan), which stands for the render.yaml or railway.json \
    that would run it. The test suite turns it into the same facts a real `docker save` archive gives.
    """
}
