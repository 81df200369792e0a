"""What embedders and other catalogs read: the api/v1 JSON files, JSON Feed and Atom, CSV,
Open Badges 3.0, CTDL and schema.org, and the embeddable widget, written from the model."""
