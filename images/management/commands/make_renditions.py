from images.models import Image
from images.services import renditions_ensure
from newsroom.commands import NewsroomCommand


class Command(NewsroomCommand):
    help = (
        "Make the renditions library images lack (after a width or crop is added to "
        "images/renditions.py, or files were lost). Images that lack none are not touched."
    )

    def handle(self, *args, **options):
        made = images = 0
        for image in Image.objects.order_by("pk").iterator():
            new = renditions_ensure(image=image)
            made += len(new)
            images += bool(new)
        self.stdout.write(f"{made} renditions made for {images} images.")
