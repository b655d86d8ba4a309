package io.tessera.model.serving;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The devices a TensorFlow session really has, asked from TensorFlow itself. TensorFlow's
 * placer puts the convolutions on a GPU whenever the session has one, so a session without a
 * GPU device runs on the CPU, whatever the configuration hoped for.
 */
public record SessionDevices(List<String> names, List<String> types) {

    public static SessionDevices of(TF_Session session) {
        TF_Status status = TF_NewStatus();
        TF_DeviceList list = TF_SessionListDevices(session, status);
        try {
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            int count = list == null || list.isNull() ? 0 : TF_DeviceListCount(list);
            for (int i = 0; i < count; i++) {
                names.add(TF_DeviceListName(list, i, status).getString());
                types.add(TF_DeviceListType(list, i, status).getString());
            }
            return new SessionDevices(List.copyOf(names), List.copyOf(types));
        } finally {
            if (list != null && !list.isNull()) {
                TF_DeleteDeviceList(list);
            }
            TF_DeleteStatus(status);
        }
    }

    public boolean hasGpu() {
        return types.contains("GPU");
    }

    /** The device the model's convolutions run on. */
    public String computeDevice() {
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).equals("GPU")) {
                return names.get(i);
            }
        }
        return names.isEmpty() ? "CPU" : names.get(0);
    }
}
