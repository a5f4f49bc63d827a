'use strict';
// Image library admin: the chooser's thumbnail and its view/change links follow the chosen id (the
// lookup and add popups set the id and trigger a jQuery "change"), and a click on an image's
// preview sets its focal point.
{
    const $ = django.jQuery;
    const isId = (value) => /^\d+$/.test(value);

    function follow(input) {
        const id = input.value.trim();
        const preview = document.getElementById(input.id + '_preview');
        if (preview && isId(id)) {
            preview.src = preview.dataset.urlTemplate.replace('__id__', id);
            preview.hidden = false;
        } else if (preview) {
            preview.removeAttribute('src');
            preview.hidden = true;
        }
        const wrapper = input.closest('.related-widget-wrapper');
        const links = wrapper ? wrapper.querySelectorAll('.view-related, .change-related, .delete-related') : [];
        for (const link of links) {
            if (isId(id)) {
                link.href = link.dataset.hrefTemplate.replace('__fk__', id);
                link.removeAttribute('aria-disabled');
            } else {
                link.removeAttribute('href');
                link.setAttribute('aria-disabled', 'true');
            }
        }
    }

    $(document).on('change', 'input.image-chooser', function () {
        follow(this);
    });
    $(function () {
        document.querySelectorAll('input.image-chooser').forEach(follow);
    });

    document.addEventListener('click', function (event) {
        const frame = event.target.closest('.image-focal-preview');
        if (!frame) {
            return;
        }
        const box = frame.querySelector('img').getBoundingClientRect();
        const percent = (offset, size) => Math.min(100, Math.max(0, Math.round(offset / size * 100)));
        const x = percent(event.clientX - box.left, box.width);
        const y = percent(event.clientY - box.top, box.height);
        document.getElementById('id_focal_x').value = x;
        document.getElementById('id_focal_y').value = y;
        const marker = frame.querySelector('.image-focal-marker');
        marker.style.left = x + '%';
        marker.style.top = y + '%';
    });
}
